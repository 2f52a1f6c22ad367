package io.coffer.secrets.authorize;

import java.io.IOException;
import java.io.PrintWriter;

import io.coffer.common.authorize.AclEpoch;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts this node's {@link AclEpoch} on every response that got past the identity check
 * (health probes included), read when the response is committed, i.e. after the request
 * ran: the answer to a request that revoked a token or changed a policy already carries
 * the new epoch, so the gateway that forwarded it drops its allow-cache before the client
 * sees the answer. The gateway removes the header from what it returns to clients.
 */
@Component
class AclEpochFilter extends OncePerRequestFilter {

	private final NodeAclEpoch epoch;

	AclEpochFilter(NodeAclEpoch epoch) {
		this.epoch = epoch;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Stamping stamping = new Stamping(response);
		try {
			chain.doFilter(request, stamping);
		}
		finally {
			stamping.stamp();
		}
	}

	/** Sets the header at the last moment it can still be set. */
	private final class Stamping extends HttpServletResponseWrapper {

		private boolean stamped;

		Stamping(HttpServletResponse response) {
			super(response);
		}

		void stamp() {
			if (!this.stamped && !isCommitted()) {
				setHeader(AclEpoch.HEADER, AclEpochFilter.this.epoch.current());
			}
			this.stamped = true;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			stamp();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			stamp();
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			stamp();
			super.flushBuffer();
		}

		@Override
		public void sendError(int status) throws IOException {
			stamp();
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			stamp();
			super.sendError(status, message);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			stamp();
			super.sendRedirect(location);
		}

	}

}
