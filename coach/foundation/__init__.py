"""The foundation every layer stands on: files and paths coach owns, the text it shows,
the value types and format versions it writes, the crash log. Imports nothing else of coach."""
