"""Every column that refers to a person is exported or excluded with a reason, and deleted or kept with one."""
from course.extensions import db
from course.privacy import exports  # noqa: F401  (registers every exporter)
from course.privacy.deletion import DELETED, KEPT
from course.privacy.exporters import EXPORTERS, NOT_EXPORTED, exported_columns


def person_columns() -> set[str]:
    """Every "table.column" of the schema with a foreign key to users.id."""
    return {f"{table.name}.{column.name}" for table in db.metadata.sorted_tables for column in table.columns
            if any(key.column.table.name == "users" and key.column.name == "id" for key in column.foreign_keys)}


def test_every_column_referring_to_a_person_is_exported_or_excluded_with_a_reason(app):
    columns = person_columns()
    assert columns, "the schema has columns referring to people"
    assert columns - exported_columns() - set(NOT_EXPORTED) == set(), "export these, or say in NOT_EXPORTED why not"
    assert exported_columns() & set(NOT_EXPORTED) == set()
    assert set(NOT_EXPORTED) | exported_columns() <= columns, "the registry names a column the schema lacks"
    assert all(str(reason).strip() for reason in NOT_EXPORTED.values())


def test_every_column_referring_to_a_person_is_deleted_or_kept_with_a_reason(app):
    columns = person_columns()
    assert columns - DELETED - set(KEPT) == set(), "delete these rows in course.privacy.deletion, or say in KEPT why"
    assert (DELETED | set(KEPT)) <= columns
    assert all(str(reason).strip() for reason in KEPT.values())


def test_exporter_keys_are_unique(app):
    keys = [entry.key for entry in EXPORTERS]
    assert len(keys) == len(set(keys))
