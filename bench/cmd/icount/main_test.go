package main

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"-op", "HMACSHA256", "-impl", "hazmat", "-size", "64", "-n", "10", "-warm", "1"}, ""},
		{[]string{"-op", "HMACSHA256", "-impl", "c", "-size", "64", "-n", "10", "-warm", "1"}, ""},
		{[]string{"-op", "NoSuchOp"}, `no operation "NoSuchOp"`},
		{[]string{"-op", "CMACAES128", "-impl", "go"}, `operation CMACAES128 has no implementation "go"`},
		{[]string{"-n", "-1"}, "-n and -warm count operations"},
	}
	for _, tt := range tests {
		t.Run(tt.wantErr, func(t *testing.T) {
			err := run(tt.args, io.Discard)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}
