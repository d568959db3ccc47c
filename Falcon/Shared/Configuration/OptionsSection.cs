namespace Falcon.Shared.Configuration;

/// <summary>A configuration section that `falcon config check` validates and prints.</summary>
internal sealed record OptionsSection(string Name, Func<IServiceProvider, IEnumerable<KeyValuePair<string, string>>> Describe);
