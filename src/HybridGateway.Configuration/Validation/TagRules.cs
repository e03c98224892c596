using System.Globalization;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>Kong's tag rule: printable, and no ',' or '/' (they separate tags in the ?tags= filter).</summary>
public static class TagRules
{
    public static void Validate(IReadOnlyList<string>? tags, FieldErrors errors)
    {
        if (tags is null)
        {
            return;
        }
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag.Length is 0 or > Names.MaxLength || tag.Any(c => c is ',' or '/' || char.IsControl(c)))
            {
                errors.Child("tags").Add(i.ToString(CultureInfo.InvariantCulture),
                    "invalid tag '" + (tag.Length > 64 ? tag[..64] + "…" : tag) + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences, at most " + Names.MaxLength + " characters");
            }
            else if (tag.StartsWith(State.ConfigView.Prefix, StringComparison.Ordinal) && !IsSelector(tag))
            {
                errors.Child("tags").Add(i.ToString(CultureInfo.InvariantCulture),
                    "invalid tag '" + (tag.Length > 64 ? tag[..64] + "…" : tag) + "': a node selector is only:<label>=<value>, several values separated by '|'");
            }
        }
    }

    /// <summary>only:label=value[|value...], label and values not empty.</summary>
    private static bool IsSelector(string tag)
    {
        var equals = tag.IndexOf('=', State.ConfigView.Prefix.Length);
        return equals > State.ConfigView.Prefix.Length && tag[(equals + 1)..].Split('|').All(v => v.Length > 0);
    }
}
