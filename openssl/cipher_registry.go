package openssl

type cipherRegistry struct{}

func (r *cipherRegistry) init() {}
