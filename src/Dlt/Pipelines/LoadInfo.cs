namespace Dlt;

/// <summary>What a load did: the packages it loaded, where, and their row counts.</summary>
public sealed class LoadInfo
{
}
