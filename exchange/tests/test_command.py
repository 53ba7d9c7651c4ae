from django.core.management import call_command

from .test_exports import records


def test_export_data_writes_a_file(contact, tmp_path):
    path = tmp_path / "organisationen.csv"

    call_command("export_data", "organisations", "--format", "csv", "--output", str(path))

    rows = records(path.read_bytes(), "csv")
    assert "awo-kreisverband-gottingen" in {row["slug"] for row in rows}
    assert "contacts" not in rows[0]
    assert b"anna@example.org" not in path.read_bytes()


def test_export_data_with_contacts(contact, tmp_path):
    path = tmp_path / "organisationen.xlsx"

    call_command("export_data", "organisations", "--format", "xlsx", "--output", str(path), "--with-contacts")

    rows = records(path.read_bytes(), "xlsx")
    assert any("anna@example.org" in (row["contacts"] or "") for row in rows)


def test_export_data_to_standard_output(demo, capfd):
    call_command("export_data", "meetings", "--format", "json")

    assert '"kind": "meetings"' in capfd.readouterr().out
