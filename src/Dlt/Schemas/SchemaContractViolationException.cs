using Dlt.Schemas;

namespace Dlt;

/// <summary>
/// Data would change the schema where the schema contract says <see cref="ContractMode.Freeze"/>:
/// a new table, a new column or a variant column. Raised at extract (tables and declared columns)
/// or at normalize (the data); the run's <see cref="PipelineStepFailedException"/> carries it as
/// its inner exception.
/// </summary>
public sealed class SchemaContractViolationException : Exception
{
    /// <summary>Creates the exception for a frozen <paramref name="entity"/> of <paramref name="tableName"/>.</summary>
    internal SchemaContractViolationException(string schemaName, string tableName, string? columnName, SchemaContractEntity entity, ContractMode mode, DataType? dataType, string? existingColumn = null)
        : base(BuildMessage(schemaName, tableName, columnName, entity, mode, dataType, existingColumn))
    {
        SchemaName = schemaName;
        TableName = tableName;
        ColumnName = columnName;
        Entity = entity;
        Mode = mode;
        DataType = dataType;
    }

    /// <summary>The schema whose contract was violated.</summary>
    public string SchemaName { get; }

    /// <summary>The table that would have been added or changed.</summary>
    public string TableName { get; }

    /// <summary>The column that would have been added (a variant column for <see cref="SchemaContractEntity.DataType"/>); null for a new table.</summary>
    public string? ColumnName { get; }

    /// <summary>The contract entity that forbids the change.</summary>
    public SchemaContractEntity Entity { get; }

    /// <summary>The entity's mode (<see cref="ContractMode.Freeze"/>).</summary>
    public ContractMode Mode { get; }

    /// <summary>The data type of the value that would have made the column; null for a new table.</summary>
    public DataType? DataType { get; }

    private static string BuildMessage(string schemaName, string tableName, string? columnName, SchemaContractEntity entity, ContractMode mode, DataType? dataType, string? existingColumn)
    {
        var contract = $"the schema contract of table '{tableName}' (schema '{schemaName}') sets '{ContractModeNames.ToDltName(entity)}' to '{ContractModeNames.ToDltName(mode)}'";
        var type = dataType is { } t ? t.ToDltName() : "unknown";
        var change = entity switch
        {
            SchemaContractEntity.Tables => $"Cannot add table '{tableName}': {contract}.",
            SchemaContractEntity.Columns => $"Cannot add column '{columnName}' (a {type} value) to table '{tableName}': {contract}.",
            _ => $"Cannot add variant column '{columnName}' to table '{tableName}' for a {type} value that does not fit column '{existingColumn}': {contract}.",
        };
        return $"{change} Change the data, or the contract on the resource, source or run: '{ContractModeNames.ToDltName(entity)}' as 'evolve' accepts the change, 'discard_value' or 'discard_row' drop it.";
    }
}
