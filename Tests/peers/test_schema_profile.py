"""The shipped schemas are valid Frictionless Table Schemas: checked by the frictionless package itself
and by jsonschema against our subset of the v2 profile. `mentorbase schema KIND` prints them unchanged."""
import copy
import json
import os

import frictionless
import jsonschema
import pytest

from conftest import ROOT, run

KINDS = ["mentors", "mentees", "consents", "pairs", "mentor-questionnaire", "mentee-questionnaire", "monitoring-questionnaire"]
PROFILE = json.load(open(os.path.join(os.path.dirname(__file__), "tableschema-v2-subset.json"), encoding="utf-8"))


def printed(kind):
    return json.loads(run("schema", kind, check=0).stdout)


@pytest.mark.parametrize("kind", KINDS)
def test_frictionless_accepts_the_schema(kind):
    report = frictionless.Schema.validate_descriptor(printed(kind))
    assert report.valid, [e.message for e in report.errors]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_matches_the_v2_profile_subset(kind):
    jsonschema.validate(printed(kind), PROFILE)


@pytest.mark.parametrize("kind", KINDS)
def test_printed_schema_is_the_shipped_file(kind):
    path = os.path.join(ROOT, "Sources", "MentorSchema", "Resources", "schemas", kind + ".json")
    assert printed(kind) == json.load(open(path, encoding="utf-8"))


def test_checks_catch_a_broken_schema():
    broken = copy.deepcopy(printed("mentees"))
    broken["fields"][0]["type"] = "strin"
    assert not frictionless.Schema.validate_descriptor(broken).valid
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, PROFILE)
    broken = copy.deepcopy(printed("mentees"))
    broken["fields"][1]["constraints"]["required"] = "yes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, PROFILE)


def test_frictionless_uses_the_schema_on_canonical_data(tmp_path):
    """A Table Schema tool can apply our document: a CSV with the field names as headers validates."""
    schema = printed("pairs")
    for f in schema["fields"]:
        f.pop("format", None)  # dates below are ISO
    csv = tmp_path / "pairs.csv"
    names = [f["name"] for f in schema["fields"]]
    row = {n: "" for n in names}
    row.update(pairId="1", mentorName="Орлова Нина Викторовна", menteeNames="Зайцева Елена Павловна",
               form="teacher_young_teacher", kinds="traditional", startDate="2022-10-03", schoolYear="2022/2023")
    csv.write_text(",".join(names) + "\n" + ",".join(row[n] for n in names) + "\n", encoding="utf-8")
    schema.pop("foreignKeys")
    def check(name):
        res = frictionless.Resource(path=name, basepath=str(tmp_path), schema=frictionless.Schema.from_descriptor(schema))
        return frictionless.validate(res)
    report = check("pairs.csv")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    bad = tmp_path / "bad.csv"
    row.update(form="учитель – родитель")
    bad.write_text(",".join(names) + "\n" + ",".join(row[n] for n in names) + "\n", encoding="utf-8")
    report = check("bad.csv")
    assert report.flatten(["fieldName", "type"]) == [["form", "constraint-error"]]
