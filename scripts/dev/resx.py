#!/usr/bin/env python3
"""Writes a pair of .resx files (English neutral, Indonesian satellite) from one table.

The table is the source of truth for a feature's texts: python3 scripts/dev/resx.py <table.py>
where the table module defines NAME (the resx base path) and TEXTS = {key: (english, indonesian)}.
"""
import runpy, sys
from xml.sax.saxutils import escape

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def write(path, texts, index):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key, pair in texts.items():
            f.write(f'  <data name="{key}" xml:space="preserve"><value>{escape(pair[index])}</value></data>\n')
        f.write("</root>\n")

table = runpy.run_path(sys.argv[1])
write(table["NAME"] + ".resx", table["TEXTS"], 0)
write(table["NAME"] + ".id.resx", table["TEXTS"], 1)
