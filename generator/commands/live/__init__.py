"""`certwarn serve`'s live preview: a file server that stays inside its folder, and a rebuild loop.

Part of the commands layer: may import the build stage and everything below it.
"""
