"""Areas, housing programmes, action plans. One module per part of the work; each
is imported here so that Django sees every model of the app."""
