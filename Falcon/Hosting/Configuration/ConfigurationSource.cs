namespace Falcon.Hosting.Configuration;

/// <summary>Where configuration comes from: a YAML file, then FALCON_ variables, then `--set key=value` options.</summary>
internal sealed record ConfigurationSource(string Path, bool PathGivenExplicitly, IReadOnlyList<string> Overrides);
