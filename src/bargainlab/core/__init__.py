"""Economics-free building blocks: environments, monopoly pricing, the interim LP and its solvers."""
