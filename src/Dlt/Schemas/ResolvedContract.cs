namespace Dlt.Schemas;

/// <summary>The contract that applies to one table, every entity set (dlt's expanded <c>TSchemaContractDict</c>).</summary>
internal readonly record struct ResolvedContract(ContractMode Tables, ContractMode Columns, ContractMode DataType)
{
    public static ResolvedContract Evolve => new(ContractMode.Evolve, ContractMode.Evolve, ContractMode.Evolve);

    /// <summary>Everything evolves: no check needed anywhere (the common case, kept free).</summary>
    public bool IsEvolve => Tables == ContractMode.Evolve && Columns == ContractMode.Evolve && DataType == ContractMode.Evolve;
}
