"""The application's pages, one module per topic; each declares its routes with `Pages`."""
