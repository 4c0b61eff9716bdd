"""AWS CDK stacks written in TypeScript (issue 15, round 13): the Python Lambda functions they
declare and what invokes each, read from the text with the Python reader's knowledge
(``catalog/cdk_constructs.py``). Stacks and handlers are written for these tests."""
from __future__ import annotations

from support.scan import project_classes

from llm_latency_lint.catalog.sources import cdk_typescript

STACK = """
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // new lambda.Function(this, 'Commented', { handler: 'x.y' }) is no function
    const ask: lambda.Function = new lambda.Function(this, 'Ask', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '../functions/ask')),
      functionName: 'ask-fn',
    });
    new apigw.LambdaRestApi(this, 'Api', { handler: ask });
    this.digest = new PythonFunction(this, 'Digest', {
      entry: path.join(__dirname, '..', 'functions', 'digest'),
      index: 'main.py',
      handler: 'run',
    });
    const nightly = new events.Rule(this, 'Nightly', {
      schedule: events.Schedule.cron({ minute: '30', hour: '6' }),
    });
    nightly.addTarget(new targets.LambdaFunction(this.digest));
    const worker = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.PYTHON_3_11,
      handler: 'worker.handle',
      code: lambda.Code.fromAsset('functions/worker'),
    });
    worker.addEventSource(new SqsEventSource(queue, { batchSize: 1 }));
    const hourly = new events.Rule(this, 'Hourly', {
      schedule: events.Schedule.rate(cdk.Duration.hours(1)),
      targets: [new targets.LambdaFunction(worker)],
    });
    const node = new lambda.Function(this, 'Node', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '../functions/node')),
    });
    api.addRoutes({ path: '/n', integration: new HttpLambdaIntegration('N', node) });
  }
}
"""


def test_functions_and_their_invokers():
    found = cdk_typescript.parse("infra/lib/app-stack.ts", STACK)
    got = [(t.kind, t.target[1], t.schedule, t.entry_key) for t in found]
    assert got == [
        ("entry", "infra.functions.ask.app.handler", None, "lambda:ask-fn"),
        ("real-time", "infra.functions.ask.app.handler", None, None),
        ("scheduled", "functions.worker.worker.handle", "hourly", None),
        ("scheduled", "infra.functions.digest.main.run", "daily 06:30", None),
        ("near-real-time", "functions.worker.worker.handle", None, None),
    ]


def test_other_files_and_shapes_are_not_read():
    assert not cdk_typescript.matches("node_modules/x/lib/stack.ts", "stack.ts")
    assert not cdk_typescript.matches("lib/stack.d.ts", "stack.d.ts")
    assert cdk_typescript.matches("lib/stack.ts", "stack.ts")
    assert cdk_typescript.parse("src/app.ts", "const f = new Function('return 1');\n") == []  # no CDK import
    # a function whose handler names no asset folder, an image function with its command
    text = ("import * as lambda from 'aws-cdk-lib/aws-lambda';\n"
            "const a = new lambda.Function(this, 'A', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler',"
            " code: lambda.Code.fromInline('def handler(e, c): pass') });\n"
            "const b = new lambda.DockerImageFunction(this, 'B', { code: lambda.DockerImageCode.fromImageAsset("
            "path.join(__dirname, 'img'), { cmd: ['svc.main.handler'] }) });\n"
            "b.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });\na.addFunctionUrl();\n")
    assert [(t.kind, t.target) for t in cdk_typescript.parse("stack.ts", text)] == [
        ("real-time", ["str", "img.svc.main.handler"])]


classes = project_classes


HANDLER = """
    import boto3
    client = boto3.client("bedrock-runtime")


    def {name}(event, context):
        return client.converse(modelId="m", messages=[])
"""


def test_the_stack_reaches_the_python_handlers(tmp_path):
    sites = classes(tmp_path, {
        "cdk.json": '{"app": "npx ts-node --prefer-ts-exts bin/app.ts"}\n',
        "infra/lib/app-stack.ts": STACK,
        "infra/functions/ask/app.py": HANDLER.format(name="handler"),
        "infra/functions/digest/main.py": HANDLER.format(name="run"),
        "functions/worker/worker.py": HANDLER.format(name="handle"),
        "functions/node/index.py": HANDLER.format(name="handler"),  # the Node.js function's folder: not deployed
    })
    assert sites == {
        ("infra/functions/ask/app.py", 6): "real-time",
        ("infra/functions/digest/main.py", 6): "scheduled",
        ("functions/worker/worker.py", 6): "near-real-time",  # an event path beside the schedule
        ("functions/node/index.py", 6): "unknown",
    }
