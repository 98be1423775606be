namespace Dlt;

/// <summary>What a schema contract does with a change to the schema (dlt's schema evolution modes).</summary>
public enum ContractMode
{
    /// <summary>Accepts the change: new tables, columns and variant columns are added (<c>evolve</c>).</summary>
    Evolve,

    /// <summary>Rejects the change and fails the run with a <see cref="SchemaContractViolationException"/> (<c>freeze</c>).</summary>
    Freeze,

    /// <summary>Rejects the change and drops the whole row that would make it, with its nested rows (<c>discard_row</c>).</summary>
    DiscardRow,

    /// <summary>Rejects the change and drops only the value that would make it; the rest of the row loads (<c>discard_value</c>).</summary>
    DiscardValue,
}
