using VideoRelay.Node;

if (args.Length > 0 && args[0] == "doctor")
{
    return Doctor.Run();
}
WebApplication app = NodeApp.Build(args);
await app.RunAsync();
return 0;
