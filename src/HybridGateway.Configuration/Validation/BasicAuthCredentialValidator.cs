using HybridGateway.Configuration.Credentials;
using HybridGateway.Configuration.Entities;
using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Validation;

/// <summary>A stored password is a PBKDF2 hash in our format, never the password itself.</summary>
public sealed class BasicAuthCredentialValidator : EntityValidator<BasicAuthCredential>
{
    protected override void Validate(BasicAuthCredential credential, FieldErrors errors)
    {
        if (!PasswordHash.IsWellFormed(credential.PasswordHash))
        {
            errors.Add("password_hash", "expected a hash of the form " + PasswordHash.Prefix + "i=<iterations>$<salt>$<hash>");
        }
    }
}
