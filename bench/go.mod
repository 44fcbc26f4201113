module github.com/go-hazmat/hazmat/bench

go 1.25.0

require (
	github.com/go-hazmat/hazmat v0.0.0-00010101000000-000000000000
	github.com/golang-fips/openssl/v2 v2.0.3
	github.com/stretchr/testify v1.12.1
)

require (
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/crypto v0.55.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
)

replace github.com/go-hazmat/hazmat => ../
