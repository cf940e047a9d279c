"""The grant: the grant notice, the budget per guideline item, and the call-offs against it."""
