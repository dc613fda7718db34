"""Bytes in: decoding, strict parsing with positions, streaming items out of large files,
collecting the files a command was given, and editing text in place for fixes."""
