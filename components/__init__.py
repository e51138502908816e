"""Pure builders: DataFrame in, figure or Dash component out. No I/O, no callbacks."""
