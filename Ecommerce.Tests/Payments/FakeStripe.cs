using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Core.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Stripe;

namespace Ecommerce.Tests.Payments;

/// <summary>
/// A local stand-in for api.stripe.com on 127.0.0.1 (a real Kestrel server), answering the request and response
/// shapes Stripe documents for the calls the gateway makes: it checks the Bearer key and the form fields, records
/// every request, replays the stored answer for a repeated Idempotency-Key (refuses the same key with other
/// parameters, and answers 409 while another request with the key is still running), answers Stripe's test payment
/// methods as Stripe does (pm_card_chargeDeclined → 402 card_error...), and can be told to fail with 5xx, to be slow, or to deliver a webhook before it answers.
/// </summary>
public sealed class FakeStripe : IDisposable
{
    public const string SecretKey = "sk_test_fake51Hx0123456789abcdefghij";
    public const string WebhookSecret = "whsec_fake0123456789abcdefghijklmnopqrstuv";

    private readonly WebApplication _app;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _idempotent = [];
    private readonly ConcurrentDictionary<string, byte> _inFlight = new();
    private int _serverErrors;

    public Uri BaseAddress { get; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public ConcurrentDictionary<string, JsonObject> PaymentIntents { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Refunds { get; } = new();

    /// <summary>What a PaymentIntent confirmed with pm_card_visa becomes: "succeeded", or "processing" to wait for a webhook.</summary>
    public string SuccessStatus { get; set; } = "succeeded";
    /// <summary>How long each answer takes.</summary>
    public TimeSpan Delay { get; set; }
    /// <summary>Runs after a PaymentIntent is stored and before the answer leaves (a webhook that overtakes the answer).</summary>
    public Func<JsonObject, Task>? BeforeAnswering { get; set; }

    /// <summary>The next <paramref name="count"/> requests get a 500, before Stripe would have done anything.</summary>
    public void FailNext(int count) => Volatile.Write(ref _serverErrors, count);

    public FakeStripe()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.Start();
        BaseAddress = new Uri(_app.Urls.First());
    }

    /// <summary>The settings that make the platform use this fake as Stripe.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Payments:Provider"] = "Stripe",
        ["Stripe:SecretKey"] = SecretKey,
        ["Stripe:WebhookSecret"] = WebhookSecret,
        ["Stripe:ApiBase"] = BaseAddress.ToString(),
    };

    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey,
        string Authorization, string? StripeVersion, bool Replayed, bool Conflicted = false);

    public IEnumerable<RecordedRequest> RequestsFor(string method, string path) => Requests.Where(r => r.Method == method && r.Path == path);

    /// <summary>Moves a PaymentIntent on, as Stripe does when a processing payment settles, and returns the event it would send.</summary>
    public string Settle(string paymentIntentId, bool succeeded)
    {
        var intent = PaymentIntents[paymentIntentId];
        lock (intent)
        {
            if (succeeded) { intent["status"] = "succeeded"; intent["amount_received"] = intent["amount"]!.GetValue<long>(); }
            else { intent["status"] = "requires_payment_method"; intent["last_payment_error"] = Decline("card_declined", "insufficient_funds", "Your card has insufficient funds."); }
        }
        return Event(succeeded ? "payment_intent.succeeded" : "payment_intent.payment_failed", paymentIntentId);
    }

    /// <summary>The event Stripe would deliver about a PaymentIntent as it is now.</summary>
    public string Event(string type, string paymentIntentId, string? eventId = null)
    {
        var intent = PaymentIntents[paymentIntentId];
        JsonNode copy;
        lock (intent) copy = intent.DeepClone();
        return new JsonObject
        {
            ["id"] = eventId ?? "evt_" + RandomId(),
            ["object"] = "event",
            ["api_version"] = StripeRegistration.ApiVersion,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = copy },
        }.ToJsonString();
    }

    /// <summary>A Stripe-Signature header made by Stripe.net for the body, at a moment of the test's choosing, with the endpoint's secret or another.</summary>
    public static string Sign(string body, DateTimeOffset? at = null, string secret = WebhookSecret) =>
        EventUtility.GenerateSignatureHeader(body, secret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    /// <summary>Stripe answers 409 to a request whose Idempotency-Key another request is still executing, and saves nothing for it.</summary>
    private async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (context.Request.Method != "POST" || key is null)
        {
            await HandleOneAsync(context);
            return;
        }
        if (!_inFlight.TryAdd(key, 0))
        {
            Requests.Enqueue(new RecordedRequest("POST", context.Request.Path.Value ?? "", new Dictionary<string, string>(), key,
                context.Request.Headers.Authorization.ToString(), context.Request.Headers["Stripe-Version"].FirstOrDefault(), false, Conflicted: true));
            context.Response.StatusCode = 409;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Error(409, "idempotency_error", null,
                $"Another request with the Idempotency-Key {key} is still being processed; try again later.").Body);
            return;
        }
        try { await HandleOneAsync(context); }
        finally { _inFlight.TryRemove(key, out _); }
    }

    private async Task HandleOneAsync(HttpContext context)
    {
        var request = context.Request;
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, context.RequestAborted);
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var path = request.Path.Value ?? "";
        var (status, body, replayed) = (0, "", false);

        await _oneAtATime.WaitAsync(context.RequestAborted);
        try
        {
            var fingerprint = $"{request.Method} {path} " + string.Join("&", form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
            if (request.Headers.Authorization.ToString() != "Bearer " + SecretKey)
                (status, body) = Error(401, "invalid_request_error", null, "Invalid API Key provided: " + Mask(request.Headers.Authorization.ToString()));
            else if (_serverErrors > 0)
            {
                _serverErrors--;
                (status, body) = Error(500, "api_error", null, "An unknown error occurred on Stripe's side.");
            }
            else if (request.Method == "POST" && key is not null && _idempotent.TryGetValue(key, out var saved))
                (status, body, replayed) = saved.Fingerprint == fingerprint
                    ? (saved.Status, saved.Body, true)
                    : (400, Error(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the same parameters they were first used with.").Body, false);
            else
            {
                (status, body) = Route(request.Method, path, form);
                // Stripe saves the result of every request that started executing (a decline too), not validation failures.
                if (request.Method == "POST" && key is not null && status is 200 or 402) _idempotent[key] = (fingerprint, status, body);
            }
        }
        finally
        {
            _oneAtATime.Release();
        }

        Requests.Enqueue(new RecordedRequest(request.Method, path, form, key, request.Headers.Authorization.ToString(),
            request.Headers["Stripe-Version"].FirstOrDefault(), replayed));
        if (!replayed && status is 200 or 402 && path == "/v1/payment_intents" && BeforeAnswering is { } hook
            && JsonNode.Parse(body) is JsonObject answer && (answer["id"] ?? answer["error"]?["payment_intent"]?["id"])?.GetValue<string>() is { } id)
            await hook(PaymentIntents[id]);

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + RandomId();
        if (replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.WriteAsync(body);
    }

    private (int Status, string Body) Route(string method, string path, Dictionary<string, string> form)
    {
        var segments = path.Trim('/').Split('/');
        return (method, segments) switch
        {
            ("POST", ["v1", "payment_intents"]) => CreatePaymentIntent(form),
            ("GET", ["v1", "payment_intents", var id]) => PaymentIntents.TryGetValue(id, out var intent)
                ? (200, Json(intent)) : Missing(404, "payment_intent", id, "intent"),
            ("POST", ["v1", "payment_intents", var id, "cancel"]) => Cancel(id),
            ("POST", ["v1", "refunds"]) => Refund(form),
            _ => Error(404, "invalid_request_error", null, $"Unrecognized request URL ({method}: {path})."),
        };
    }

    private (int, string) CreatePaymentIntent(Dictionary<string, string> form)
    {
        if (!form.TryGetValue("amount", out var amountText)) return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: amount.", "amount");
        if (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            return Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + amountText, "amount");
        if (amount < 50) return Error(400, "invalid_request_error", "amount_too_small", "Amount must be at least $0.50 usd", "amount");
        if (!form.TryGetValue("currency", out var currency) || currency.Length != 3 || currency.Any(c => c is < 'a' or > 'z'))
            return Error(400, "invalid_request_error", "parameter_invalid_string", $"Invalid currency: {currency}. Currencies are three-letter ISO codes in lower case.", "currency");
        if (form.GetValueOrDefault("confirm") != "true") return Error(400, "invalid_request_error", null, "This fake only confirms on creation (confirm=true).", "confirm");
        if (!form.TryGetValue("payment_method", out var method)) return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: payment_method.", "payment_method");
        if (form.GetValueOrDefault("automatic_payment_methods[allow_redirects]") != "never" && !form.Keys.Any(k => k.StartsWith("payment_method_types", StringComparison.Ordinal)))
            return Error(400, "invalid_request_error", null, "This PaymentIntent is configured to accept payment methods enabled in your Dashboard, some of which may require a full page redirect. You must provide a return_url.", "return_url");

        var intent = new JsonObject
        {
            ["id"] = "pi_" + RandomId(), ["object"] = "payment_intent", ["amount"] = amount, ["amount_received"] = 0, ["currency"] = currency,
            ["status"] = "requires_payment_method", ["payment_method"] = method, ["confirmation_method"] = "automatic",
            ["description"] = form.GetValueOrDefault("description"), ["receipt_email"] = form.GetValueOrDefault("receipt_email"),
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["livemode"] = false, ["last_payment_error"] = null,
            ["metadata"] = new JsonObject(form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
                .Select(f => KeyValuePair.Create(f.Key["metadata[".Length..^1], (JsonNode?)f.Value))),
        };
        intent["client_secret"] = $"{intent["id"]}_secret_{RandomId()}";
        switch (method)
        {
            case "pm_card_visa":
                intent["status"] = SuccessStatus;
                if (SuccessStatus == "succeeded") { intent["amount_received"] = amount; intent["latest_charge"] = "ch_" + RandomId(); }
                break;
            case "pm_card_authenticationRequired":
                intent["status"] = "requires_action";
                intent["next_action"] = new JsonObject { ["type"] = "use_stripe_sdk" };
                break;
            case "pm_card_chargeDeclined":
            case "pm_card_chargeDeclinedInsufficientFunds":
                var funds = method.EndsWith("InsufficientFunds", StringComparison.Ordinal);
                intent["last_payment_error"] = Decline("card_declined", funds ? "insufficient_funds" : "generic_decline",
                    funds ? "Your card has insufficient funds." : "Your card was declined.");
                PaymentIntents[intent["id"]!.GetValue<string>()] = intent;
                var error = (JsonObject)intent["last_payment_error"]!.DeepClone();
                error["payment_intent"] = intent.DeepClone();
                return (402, new JsonObject { ["error"] = error }.ToJsonString());
            default:
                return Missing(400, "payment_method", method, "payment_method");
        }
        PaymentIntents[intent["id"]!.GetValue<string>()] = intent;
        return (200, Json(intent));
    }

    private (int, string) Cancel(string id)
    {
        if (!PaymentIntents.TryGetValue(id, out var intent)) return Missing(404, "payment_intent", id, "intent");
        lock (intent)
        {
            var status = intent["status"]!.GetValue<string>();
            if (status is "succeeded" or "canceled")
                return Error(400, "invalid_request_error", "payment_intent_unexpected_state", $"You cannot cancel this PaymentIntent because it has a status of {status}.");
            intent["status"] = "canceled";
            intent["cancellation_reason"] = "abandoned";
            return (200, Json(intent));
        }
    }

    private (int, string) Refund(Dictionary<string, string> form)
    {
        if (!form.TryGetValue("payment_intent", out var id)) return Error(400, "invalid_request_error", "parameter_missing", "One of the following params should be provided for this request: payment_intent or charge.");
        if (!PaymentIntents.TryGetValue(id, out var intent)) return Missing(400, "payment_intent", id, "payment_intent");
        lock (intent)
        {
            if (intent["status"]!.GetValue<string>() != "succeeded")
                return Error(400, "invalid_request_error", "charge_not_refundable", "This PaymentIntent does not have a successful charge to refund.");
            var received = intent["amount_received"]!.GetValue<long>();
            var refunded = intent["amount_refunded"]?.GetValue<long>() ?? 0;
            var amount = form.TryGetValue("amount", out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : received - refunded;
            if (amount <= 0 || amount > received - refunded)
                return Error(400, "invalid_request_error", "amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({received - refunded}).", "amount");
            intent["amount_refunded"] = refunded + amount;
            var refund = new JsonObject
            {
                ["id"] = "re_" + RandomId(), ["object"] = "refund", ["amount"] = amount, ["currency"] = intent["currency"]!.GetValue<string>(),
                ["payment_intent"] = id, ["status"] = "succeeded", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            };
            Refunds[refund["id"]!.GetValue<string>()] = refund;
            return (200, Json(refund));
        }
    }

    private static JsonObject Decline(string code, string declineCode, string message) => new()
    {
        ["type"] = "card_error", ["code"] = code, ["decline_code"] = declineCode, ["message"] = message,
        ["doc_url"] = "https://stripe.com/docs/error-codes/" + code.Replace('_', '-'),
    };

    private static (int Status, string Body) Missing(int status, string what, string id, string param) =>
        Error(status, "invalid_request_error", "resource_missing", $"No such {what}: '{id}'", param);

    private static (int Status, string Body) Error(int status, string type, string? code, string message, string? param = null)
    {
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (code is not null) error["code"] = code;
        if (param is not null) error["param"] = param;
        return (status, new JsonObject { ["error"] = error }.ToJsonString());
    }

    private static string Json(JsonObject node)
    {
        lock (node) return node.ToJsonString();
    }

    private static string Mask(string authorization) =>
        authorization.Length > 12 ? authorization[7..15] + "****" + authorization[^4..] : "(none)";

    private static string RandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
