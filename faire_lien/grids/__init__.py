"""Detection grids: what is stored when a grid ends, and what staff see of the score."""
