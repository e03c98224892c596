using HybridGateway.Configuration.Schema;

namespace HybridGateway.Configuration.Tests.Schema;

public sealed class FieldErrorsTests
{
    [Fact]
    public void Add_SameFieldTwice_JoinsTheMessagesOnce()
    {
        var errors = new FieldErrors();

        errors.Add("host", "first");
        errors.Add("host", "second");
        errors.Add("host", "first");

        Assert.Equal(["host: first; second"], errors.Describe());
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public void Describe_NestedErrors_UsesDottedPathsInOrdinalOrder()
    {
        var errors = new FieldErrors();

        errors.Child("paths").Add("1", "bad");
        errors.Add("name", "missing");
        errors.Add("@entity", "whole");
        errors.Child("config").Child("key_names").Add("0", "bad header");

        Assert.Equal(
            ["@entity: whole", "config.key_names.0: bad header", "name: missing", "paths.1: bad"],
            errors.Describe());
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Child_OfFieldThatHasAMessage_KeepsTheMessage()
    {
        var errors = new FieldErrors();
        errors.Add("service", "does not reference an existing 'services' entity");

        errors.Child("service").Add("id", "required field missing");
        errors.Prune();

        Assert.Equal(["service: does not reference an existing 'services' entity"], errors.Describe());
    }

    [Fact]
    public void Prune_EmptyChildren_LeaveNoTrace()
    {
        var errors = new FieldErrors();
        errors.Child("config").Child("nested");
        errors.Child("paths");

        errors.Prune();

        Assert.True(errors.IsEmpty);
        Assert.Equal("{}", errors.ToJson().ToJsonString());
    }

    [Fact]
    public void Merge_OtherTree_AddsItsErrorsUnderTheSamePaths()
    {
        var errors = new FieldErrors();
        errors.Child("config").Add("a", "one");
        var other = new FieldErrors();
        other.Child("config").Add("b", "two");
        other.Add("name", "three");

        errors.Merge(other);

        Assert.Equal(["config.a: one", "config.b: two", "name: three"], errors.Describe());
    }

    [Fact]
    public void ToJson_NestedErrors_HasKongsShape()
    {
        var errors = new FieldErrors();
        errors.Add("name", "required field missing");
        errors.Child("config").Add("minute", "expected a number");

        Assert.Equal(
            """{"config":{"minute":"expected a number"},"name":"required field missing"}""",
            errors.ToJson().ToJsonString());
    }
}
