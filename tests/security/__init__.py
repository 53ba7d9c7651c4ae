"""Security: deployment checks, headers on every page, uploads, and forms fed bad input."""
