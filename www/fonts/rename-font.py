"""Gives the Latin Modern Math subset its own name, as the GUST Font License asks of derived works.

Usage: python3 rename-font.py IN.otf OUT.otf (see README.md beside this file).
"""
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
names = font["name"]
for record in list(names.names):
    if record.nameID in (1, 4, 16, 21):
        names.setName("Downhill Math", record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID in (3,):
        names.setName("Downhill Math 1.959 subset", record.nameID, record.platformID, record.platEncID, record.langID)
    elif record.nameID in (6, 20):
        names.setName("DownhillMath-Regular", record.nameID, record.platformID, record.platEncID, record.langID)
font.save(sys.argv[2])
