"""What the records say: progress, kindly worded. Pure functions, no UI."""
