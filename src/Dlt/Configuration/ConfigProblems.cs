namespace Dlt.Configuration;

/// <summary>Collects every invalid value of one resolution, so that they are reported together.</summary>
internal sealed class ConfigProblems
{
    private readonly List<ConfigProblem> _problems = [];

    public int Count => _problems.Count;

    public void Add(ConfigProblem problem)
    {
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    public void AddRange(IEnumerable<ConfigProblem> problems)
    {
        foreach (var problem in problems)
        {
            Add(problem);
        }
    }

    /// <summary>Throws one <see cref="ConfigException"/> listing every problem, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigException([.. _problems]);
        }
    }
}
