// A Go function on `provided.al2023`, built by `build: go`. It speaks Lambda's runtime API with
// the standard library alone (what `aws-lambda-go`'s `lambda.Start` does), so it builds offline.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

type response struct {
	StatusCode int    `json:"statusCode"`
	Body       string `json:"body"`
}

func handle(event map[string]any) response {
	name, _ := event["name"].(string)
	if name == "" {
		name = "world"
	}
	return response{StatusCode: 200, Body: fmt.Sprintf("hello from go, %s", name)}
}

func main() {
	api := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"
	for {
		next, err := http.Get(api + "next")
		if err != nil {
			fmt.Fprintln(os.Stderr, "runtime API:", err)
			os.Exit(1)
		}
		id := next.Header.Get("Lambda-Runtime-Aws-Request-Id")
		payload, _ := io.ReadAll(next.Body)
		next.Body.Close()
		var event map[string]any
		outcome := "/response"
		var body []byte
		if err := json.Unmarshal(payload, &event); err != nil {
			outcome = "/error"
			body, _ = json.Marshal(map[string]string{"errorMessage": err.Error(), "errorType": "InvalidEvent"})
		} else {
			body, _ = json.Marshal(handle(event))
		}
		posted, err := http.Post(api+id+outcome, "application/json", bytes.NewReader(body))
		if err != nil {
			fmt.Fprintln(os.Stderr, "runtime API:", err)
			os.Exit(1)
		}
		posted.Body.Close()
	}
}
