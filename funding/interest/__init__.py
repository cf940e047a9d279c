"""Repayment interest: the base rates (§ 247 BGB) and the interest on an overpaid grant."""
