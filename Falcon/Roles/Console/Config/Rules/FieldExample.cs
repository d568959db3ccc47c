namespace Falcon.Roles.Console.Config.Rules;

/// <summary>One allowed value of a field, with an example and what it means.</summary>
internal sealed record FieldExample(string Name, string Example, string Meaning);
