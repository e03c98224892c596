using System.Text;
using Grpc.Core;

namespace HybridGateway.Cli.Output;

/// <summary>gRPC codes as the spec spells them: INVALID_ARGUMENT, not InvalidArgument.</summary>
public static class StatusCodeNames
{
    public static string Of(StatusCode code)
    {
        var name = code.ToString();
        if (code == StatusCode.OK)
        {
            return "OK";
        }
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }
            text.Append(char.ToUpperInvariant(name[i]));
        }
        return text.ToString();
    }
}
