"""The funding application: its financing plan, rule check, workflow and decision."""
