"""One module per `certwarn` sub-command: each defines `add_arguments(parser)` and `run(args)`.

Commands may import every stage package; only the command line (`generator.cli`) imports them.
"""
