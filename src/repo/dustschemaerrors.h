// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSCHEMAERRORS_H
#define DUSTSCHEMAERRORS_H

#include <dusterrorcode.h>

// The error codes of the Schema and Repo layer: schema declarations, records
// and changesets.
// Each is a Dust::ErrorCode, registered when the library loads.
namespace Dust::SchemaErrors {

inline constexpr ErrorCode SchemaMissingName{"schema_missing_name", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema has no name.")};
inline constexpr ErrorCode SchemaMissingPrefix{"schema_missing_prefix", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema has no prefix; give a list of path segments such as [\"links\"].")};
inline constexpr ErrorCode SchemaLegacyPrefix{"schema_legacy_prefix", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix is a segment list, not a dotted string.")};
inline constexpr ErrorCode SchemaPrefixNotList{"schema_prefix_not_list", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix must be a non-empty list of non-empty strings.")};
inline constexpr ErrorCode SchemaEmptyPrefix{"schema_empty_prefix", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix must not be empty.")};
inline constexpr ErrorCode SchemaBadSegment{"schema_bad_segment", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema prefix segments must be non-empty strings.")};
inline constexpr ErrorCode SchemaUnknownMode{"schema_unknown_mode", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema mode must be \"flat\" or \"map\".")};
inline constexpr ErrorCode SchemaRequiredNotList{"schema_required_not_list", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema's required fields must be a list of field names.")};
inline constexpr ErrorCode SchemaUnknownRequiredField{"schema_unknown_required_field", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "A required field is not a field of the schema.")};
inline constexpr ErrorCode SchemaBadField{"schema_bad_field", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema fields must be a map of names to types or a list of {name, type}.")};
inline constexpr ErrorCode SchemaEmptyFieldName{"schema_empty_field_name", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "A schema field has an empty name.")};
inline constexpr ErrorCode SchemaDuplicateField{"schema_duplicate_field", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "A schema field is declared twice.")};
inline constexpr ErrorCode SchemaUnknownFieldType{"schema_unknown_field_type", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "A schema field has an unknown type (use string, int, double, bool, datetime, map or list).")};
inline constexpr ErrorCode SchemaUnsupportedProperty{"schema_unsupported_property", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "A property of the record type has a C++ type a schema field cannot hold.")};
inline constexpr ErrorCode SchemaReadOnlyProperty{"schema_read_only_property", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "A property of the record type cannot be written.")};
inline constexpr ErrorCode SchemaMissingSlugProperty{"schema_missing_slug_property", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The record type has no property for the slug.")};
inline constexpr ErrorCode SchemaSlugNotString{"schema_slug_not_string", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The slug field must be a string field.")};
inline constexpr ErrorCode SchemaBadSlugField{"schema_bad_slug_field", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The slug field name must be a non-empty string.")};
inline constexpr ErrorCode SchemaUnknownOption{"schema_unknown_option", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema descriptor has an unknown key.")};
inline constexpr ErrorCode SchemaInvalid{"schema_invalid", Error::Kind::InvalidSchema,
    QT_TRANSLATE_NOOP("Dust::Error", "The schema is not valid (it was never created successfully).")};
inline constexpr ErrorCode MissingSlug{"missing_slug", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The record has no slug.")};
inline constexpr ErrorCode SlugNotString{"slug_not_string", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The slug must be a string.")};
inline constexpr ErrorCode EmptySlug{"empty_slug", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The slug cannot be empty.")};
inline constexpr ErrorCode InvalidField{"invalid_field", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A field value does not have the field's type.")};
inline constexpr ErrorCode UnknownField{"unknown_field", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The record has no such field.")};
inline constexpr ErrorCode InvalidChangeset{"invalid_changeset", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "The record did not pass validation.")};
inline constexpr ErrorCode IfMatchFlat{"if_match_flat", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "if_match needs a map-mode schema: a flat record is written one field at a time.")};
inline constexpr ErrorCode UnrecognizedBatchOp{"unrecognized_batch_op", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "A batch operation is not an insert, update or delete.")};
inline constexpr ErrorCode MissingStore{"missing_store", Error::Kind::InvalidParams,
    QT_TRANSLATE_NOOP("Dust::Error", "No store was configured.")};

} // namespace Dust::SchemaErrors

#endif // DUSTSCHEMAERRORS_H
