using System.Text.RegularExpressions;
using Route = HybridGateway.Configuration.Entities.Route;

namespace HybridGateway.DataPlane.Routing;

/// <summary>The route a request matched and how much of the path its path matched.</summary>
/// <param name="Route">The matched route.</param>
/// <param name="MatchedLength">Characters of the normalised path matched by the route's path (the prefix, or
/// the regex match); 0 when the route has no paths. <see cref="UpstreamPath.Build"/> strips this much.</param>
/// <param name="RegexMatch">The match of a regex path, whose named groups plugins may read; null otherwise.</param>
public readonly record struct RouteMatch(Route Route, int MatchedLength, Match? RegexMatch);
