#!/usr/bin/env python3
"""Print what soi extracted from JSON analyses, one fact kind per line:
P person | rank | roles, O bodies, L places, D dates, T periods, C documents,
A abbreviations (* defined in the text), Q quantities.

    python3 tools/show_extraction.py OUT/*.json
"""
import json,sys
for p in sys.argv[1:]:
    a=json.load(open(p))
    print('=====',p)
    for x in a['persons']: print('  P',x['name'],'|',x['rank'],'|','; '.join(x['roles']))
    print('  O',' ; '.join(o['name'] for o in a['organizations']))
    print('  L',' ; '.join(o['name'] for o in a['locations']))
    print('  D',' ; '.join(f"{d['text']}={d['value']}" for d in a['dates']))
    print('  T',' ; '.join(f"{d['text']}={d['value']}" for d in a['periods']))
    for d in a['documents']: print('  C',{k:v for k,v in d.items() if k not in('mentions','start','end')})
    print('  A',' ; '.join(f"{x['short']}={x['long']}{'*' if x['defined_in_text'] else ''}" for x in a['abbreviations']))
    print('  Q',' ; '.join(f"{q['text']}={q['value']} {q.get('unit')}" for q in a['quantities']))
