"""Validates Dossier's FollowTheMoney export strictly with the followthemoney library.

usage: check_ftm.py FILE ACTORS SOURCES LINKS
  Every entity: a known schema, only properties of that schema, every value valid for
  its property's type, the schema's required properties present, every entity reference
  pointing at an entity of the file whose schema fits the property's range. Then the
  counts: actors, source documents and claim links.
"""
import json
import sys
from collections import Counter

from followthemoney import model
from followthemoney.types import registry

path, actors, sources, links = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


entities = {}
with open(path, encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        data = json.loads(line)
        schema = model.get(data["schema"])
        if schema is None:
            fail(f"line {number}: unknown schema {data['schema']}")
        if data["id"] in entities:
            fail(f"line {number}: duplicate id {data['id']}")
        for name, values in data["properties"].items():
            prop = schema.get(name)
            if prop is None:
                fail(f"line {number}: {schema.name} has no property {name}")
            for value in values:
                if prop.type != registry.entity and not prop.type.validate(value):
                    fail(f"line {number}: {schema.name}.{name} = {value!r} is not a valid {prop.type.name}")
        for required in schema.required:
            if not data["properties"].get(required):
                fail(f"line {number}: {schema.name} needs {required}")
        error = schema.validate(data)
        if error:
            fail(f"line {number}: {error}")
        entities[data["id"]] = (schema, data)

for id, (schema, data) in entities.items():
    for name, values in data["properties"].items():
        prop = schema.get(name)
        if prop.type != registry.entity:
            continue
        for value in values:
            if value not in entities:
                fail(f"{id}: {name} points at {value}, which is not in the file")
            target = entities[value][0]
            if prop.range is not None and not target.is_a(prop.range):
                fail(f"{id}: {name} points at a {target.name}, not a {prop.range.name}")
    model.get_proxy(data, cleaned=False)

kinds = Counter(schema.name for schema, _ in entities.values())
print(dict(sorted(kinds.items())))
interval = model.get("Interval")
counted = {
    "actors": sum(n for s, n in kinds.items() if model.get(s).is_a(model.get("LegalEntity")) or s == "Address"),
    "sources": kinds["Document"],
    "links": sum(n for s, n in kinds.items() if model.get(s).is_a(interval)),
}
expected = {"actors": actors, "sources": sources, "links": links}
print(f"counted {counted}, expected {expected}")
if counted != expected:
    fail("counts differ")
print(f"{len(entities)} entities valid")
