"""The Dash callbacks, thin: each reads its inputs and calls a pure function."""
