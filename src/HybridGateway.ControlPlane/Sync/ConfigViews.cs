using HybridGateway.Configuration.State;
using HybridGateway.Configuration.Validation;

namespace HybridGateway.ControlPlane.Sync;

/// <summary>The views of the latest config version, one per group of nodes whose labels the config's selectors tell apart.</summary>
public sealed class ConfigViews(EntityValidation validation)
{
    private readonly Lock _gate = new();
    private long _version = -1;
    private IReadOnlyList<string> _selectorLabels = [];
    private Dictionary<string, NodeView> _views = new(StringComparer.Ordinal);

    public NodeView For(ConfigState state, IReadOnlyDictionary<string, string> labels)
    {
        lock (_gate)
        {
            if (state.Version < _version)
            {
                // An older version asked for late: not cached.
                var selectors = ConfigView.SelectorLabels(state);
                return new NodeView(ConfigView.Key(selectors, labels), state.Version, () => ConfigView.For(state, labels, validation));
            }
            if (state.Version > _version)
            {
                _version = state.Version;
                _selectorLabels = ConfigView.SelectorLabels(state);
                _views = new Dictionary<string, NodeView>(StringComparer.Ordinal);
            }
            var key = ConfigView.Key(_selectorLabels, labels);
            if (!_views.TryGetValue(key, out var view))
            {
                var copy = new Dictionary<string, string>(labels, StringComparer.Ordinal);
                view = key == "full" ? new NodeView(key, state.Version, () => state) : new NodeView(key, state.Version, () => ConfigView.For(state, copy, validation));
                _views[key] = view;
            }
            return view;
        }
    }
}
