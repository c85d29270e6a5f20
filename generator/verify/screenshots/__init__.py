"""Screenshots for the help pages: certwarn's error pages and real Firefox error pages."""
