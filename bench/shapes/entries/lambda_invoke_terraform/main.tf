# Canonical usage: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function
# (environment variables) and https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/lambda/client/invoke.html
resource "aws_lambda_function" "checker" {
  function_name = "checker"
  filename      = "${path.module}/functions/checker.zip"
  handler       = "checker.lambda_handler"
  runtime       = "python3.12"
  environment {
    variables = {
      SUMMARIZER_FUNCTION = aws_lambda_function.summarizer.function_name
    }
  }
}

resource "aws_lambda_function" "summarizer" {
  function_name = "summarizer"
  filename      = "${path.module}/functions/summarizer.zip"
  handler       = "summarizer.lambda_handler"
  runtime       = "python3.12"
}

resource "aws_cloudwatch_event_rule" "every_hour" {
  schedule_expression = "rate(1 hour)"
}

resource "aws_cloudwatch_event_target" "checker" {
  rule = aws_cloudwatch_event_rule.every_hour.name
  arn  = aws_lambda_function.checker.arn
}
