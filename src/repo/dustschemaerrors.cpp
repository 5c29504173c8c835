// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustschemaerrors.h"

namespace Dust {

namespace {

void registerSchemaErrors()
{
    registerErrorCodes({
        SchemaErrors::SchemaMissingName,
        SchemaErrors::SchemaMissingPrefix,
        SchemaErrors::SchemaLegacyPrefix,
        SchemaErrors::SchemaPrefixNotList,
        SchemaErrors::SchemaEmptyPrefix,
        SchemaErrors::SchemaBadSegment,
        SchemaErrors::SchemaUnknownMode,
        SchemaErrors::SchemaRequiredNotList,
        SchemaErrors::SchemaUnknownRequiredField,
        SchemaErrors::SchemaBadField,
        SchemaErrors::SchemaEmptyFieldName,
        SchemaErrors::SchemaDuplicateField,
        SchemaErrors::SchemaUnknownFieldType,
        SchemaErrors::SchemaUnsupportedProperty,
        SchemaErrors::SchemaReadOnlyProperty,
        SchemaErrors::SchemaMissingSlugProperty,
        SchemaErrors::SchemaSlugNotString,
        SchemaErrors::SchemaBadSlugField,
        SchemaErrors::SchemaUnknownOption,
        SchemaErrors::SchemaInvalid,
        SchemaErrors::MissingSlug,
        SchemaErrors::SlugNotString,
        SchemaErrors::EmptySlug,
        SchemaErrors::InvalidField,
        SchemaErrors::UnknownField,
        SchemaErrors::InvalidChangeset,
        SchemaErrors::IfMatchFlat,
        SchemaErrors::UnrecognizedBatchOp,
        SchemaErrors::MissingStore,
    });
}

Q_CONSTRUCTOR_FUNCTION(registerSchemaErrors)

} // namespace

} // namespace Dust
