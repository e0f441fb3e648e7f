using VideoRelay.Node;

WebApplication app = NodeApp.Build(args);
await app.RunAsync();
