using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.Configuration.State;

/// <summary>
/// A node's own view of a config: without the entities whose <c>only:</c> tags its labels do not
/// match, nor anything that depends on them (the routes of a service left out, the plugins on
/// it, the targets of an upstream left out...). An entity tagged <c>only:region=eu-west</c> is
/// for nodes labelled region=eu-west; <c>only:region=eu-west|eu-central</c> for either (tags cannot hold a comma); several
/// <c>only:</c> tags must all match. The view keeps the config's version and has its own hash.
/// </summary>
public static class ConfigView
{
    public const string Prefix = "only:";

    /// <summary>The labels the config's selectors name, in order; empty when nothing is scoped.</summary>
    public static IReadOnlyList<string> SelectorLabels(ConfigState state)
    {
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var kind in EntityKinds.All)
        {
            foreach (var entity in state.All(kind))
            {
                foreach (var (label, _) in Selectors(entity.Tags))
                {
                    labels.Add(label);
                }
            }
        }
        return labels.ToArray();
    }

    /// <summary>"region=eu-west" for a node with those labels, or "full" when nothing is scoped.</summary>
    public static string Key(IReadOnlyList<string> selectorLabels, IReadOnlyDictionary<string, string> labels) =>
        selectorLabels.Count == 0 ? "full" : string.Join(",", selectorLabels.Select(l => l + "=" + labels.GetValueOrDefault(l, "")));

    /// <summary>The view for a node with these labels; the state itself when nothing is left out.</summary>
    public static ConfigState For(ConfigState state, IReadOnlyDictionary<string, string> labels, EntityValidation validation)
    {
        var excluded = new HashSet<EntityAddress>();
        var pending = new Queue<EntityAddress>();
        foreach (var kind in EntityKinds.All)
        {
            foreach (var entity in state.All(kind))
            {
                if (!Selects(entity.Tags, labels))
                {
                    var address = new EntityAddress(kind, entity.Id);
                    excluded.Add(address);
                    pending.Enqueue(address);
                }
            }
        }
        if (excluded.Count == 0)
        {
            return state;
        }
        while (pending.TryDequeue(out var address))
        {
            foreach (var referrer in state.ReferrersOf(address.Kind, address.Id))
            {
                if (excluded.Add(referrer))
                {
                    pending.Enqueue(referrer);
                }
            }
        }
        var result = state.Apply(excluded.Select(a => EntityChange.Delete(a.Kind, a.Id)).ToArray(), state.Version, validation);
        return result.State ?? throw new InvalidOperationException("a view left a reference dangling: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
    }

    /// <summary>Whether the tags' selectors all match these labels (no selector: everyone).</summary>
    public static bool Selects(IReadOnlyList<string>? tags, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (label, values) in Selectors(tags))
        {
            if (!labels.TryGetValue(label, out var value) || !values.Split('|').Contains(value, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"only:label=v1|v2" tags as (label, "v1|v2"); a malformed one is refused when written (see <see cref="TagRules"/>).</summary>
    public static IEnumerable<(string Label, string Values)> Selectors(IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            yield break;
        }
        foreach (var tag in tags)
        {
            if (tag.StartsWith(Prefix, StringComparison.Ordinal) && tag.IndexOf('=', Prefix.Length) is var equals and > 0)
            {
                yield return (tag[Prefix.Length..equals], tag[(equals + 1)..]);
            }
        }
    }
}
