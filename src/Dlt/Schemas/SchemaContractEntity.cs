namespace Dlt;

/// <summary>The part of the schema a contract setting governs.</summary>
public enum SchemaContractEntity
{
    /// <summary>New tables, nested tables included (<c>tables</c>).</summary>
    Tables,

    /// <summary>New columns of existing tables (<c>columns</c>).</summary>
    Columns,

    /// <summary>Variant columns, made when a value does not fit its column's type (<c>data_type</c>).</summary>
    DataType,
}
