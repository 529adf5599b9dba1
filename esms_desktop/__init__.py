"""esms-desktop: préparer une candidature au programme ESMS numérique, hors ligne."""

__version__ = "0.1.0"
