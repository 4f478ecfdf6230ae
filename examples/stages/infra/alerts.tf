# Hand-written Terraform, copied beside cdk.tf.json by `include:`: the email subscription of the
# generated `alerts` topic, addressed to the stage's `alert_email` param.
resource "aws_sns_topic_subscription" "ops_email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = var.alert_email
}
