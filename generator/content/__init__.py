"""Source files to validated content: source trees, front matter and its schema, parsed
documents and their translatable units, cross-references, and the content model.

May import syntax and the leaves.
"""
