namespace Dlt.Schemas;

/// <summary>dlt's names of the contract modes.</summary>
internal static class ContractModeNames
{
    public static string ToDltName(ContractMode mode) => mode switch
    {
        ContractMode.Evolve => "evolve",
        ContractMode.Freeze => "freeze",
        ContractMode.DiscardRow => "discard_row",
        ContractMode.DiscardValue => "discard_value",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown contract mode."),
    };

    public static string ToDltName(SchemaContractEntity entity) => entity switch
    {
        SchemaContractEntity.Tables => "tables",
        SchemaContractEntity.Columns => "columns",
        SchemaContractEntity.DataType => "data_type",
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Unknown contract entity."),
    };

    public static ContractMode Parse(string name) => name.Trim() switch
    {
        "evolve" => ContractMode.Evolve,
        "freeze" => ContractMode.Freeze,
        "discard_row" => ContractMode.DiscardRow,
        "discard_value" => ContractMode.DiscardValue,
        _ => throw new FormatException($"Unknown schema contract mode '{name}'; use 'evolve', 'freeze', 'discard_row' or 'discard_value'."),
    };
}
