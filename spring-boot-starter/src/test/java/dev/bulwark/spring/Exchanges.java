package dev.bulwark.spring;

import dev.bulwark.servlet.BulwarkFilter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Sends requests through the filter that an application context registered, as the container would. */
final class Exchanges {

    private Exchanges() {
    }

    /** The registration of the Bulwark filter in {@code context}. */
    @SuppressWarnings("unchecked")
    static FilterRegistrationBean<BulwarkFilter> registration(ApplicationContext context) {
        String[] names = context.getBeanNamesForType(
                ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, BulwarkFilter.class));
        if (names.length != 1) {
            throw new IllegalStateException("expected one Bulwark filter registration, found " + names.length);
        }
        return context.getBean(names[0], FilterRegistrationBean.class);
    }

    /** A GET of {@code path} with {@code query} (raw, or {@code null}); the response, and whether the application was called. */
    static Result get(ApplicationContext context, String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setQueryString(query);
        request.setRemoteAddr("192.0.2.10");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        try {
            registration(context).getFilter().doFilter(request, response, chain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
        return new Result(response.getStatus(), chain.getRequest() != null);
    }

    record Result(int status, boolean reachedApplication) {
    }
}
